/**
 * OPA's compiler stages (v1/ast/compile.go {@code NewCompiler}), one class per stage, each a pure rewrite or check
 * of the AST that {@link dev.gkstudio.rego.compiler.RegoCompiler} runs in OPA's order. The table of stages, their
 * classes and tests is in {@code rego/README.md}.
 */
package dev.gkstudio.rego.compiler.stages;
