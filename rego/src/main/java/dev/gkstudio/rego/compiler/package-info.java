/**
 * Rego compiler: {@link dev.gkstudio.rego.compiler.RegoCompiler#compile} turns parsed modules into a
 * {@link dev.gkstudio.rego.compiler.CompiledProgram} (rewritten modules, rule index/tree by path, dependency graph,
 * generated-to-original var names) plus diagnostics; {@link dev.gkstudio.rego.compiler.RegoCompiler#compileQuery}
 * compiles a query against a program. See {@link dev.gkstudio.rego.compiler.RegoCompiler} for the stages.
 */
package dev.gkstudio.rego.compiler;
