package dev.gkstudio.rego.builtins;

import static dev.gkstudio.rego.builtins.BuiltinTestSupport.call;
import static dev.gkstudio.rego.builtins.BuiltinTestSupport.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The families added last: JWT signing/verification, JSON Schema, GraphQL, templates, SigV4, module parsing. */
class CatalogueFamiliesTest {
    private static final String HS_KEY = "{\"kty\": \"oct\", \"k\": \"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";

    @Test
    void jwtSignThenVerifyAndDecode() {
        String token = call("io.jwt.encode_sign", "{\"alg\": \"HS256\", \"typ\": \"JWT\"}", "{\"iss\": \"opa\"}", HS_KEY);
        assertTrue(token.startsWith("\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJvcGEifQ."), token);
        assertTrue(call("io.jwt.decode", token).contains("{\"iss\": \"opa\"}"));
        assertEquals("eval_builtin_error: io.jwt.encode_sign_raw: unknown JWS algorithm: dummy",
                error("io.jwt.encode_sign_raw", "\"{\\\"alg\\\":\\\"dummy\\\"}\"", "\"{}\"", "\"" + HS_KEY.replace("\"", "\\\"") + "\""));
        assertEquals("eval_builtin_error: io.jwt.decode: JWT is a JWE object, which is not supported",
                error("io.jwt.decode", "\"eyJhbGciOiJIUzI1NiIsImVuYyI6ImJsYWgifQ.e30.AA\""));
    }

    @Test
    void jsonSchemaErrorsAreGojsonschemaShaped() {
        assertEquals("[false, [{\"desc\": \"Invalid type. Expected: integer, given: string\", \"error\": \"id: Invalid type. "
                + "Expected: integer, given: string\", \"field\": \"id\", \"type\": \"invalid_type\"}]]",
                call("json.match_schema", "{\"id\": \"x\"}", "{\"properties\": {\"id\": {\"type\": \"integer\"}}}"));
        assertEquals("[false, [{\"desc\": \"id is required\", \"error\": \"(root): id is required\", \"field\": \"(root)\", \"type\": \"required\"}]]",
                call("json.match_schema", "{}", "{\"required\": [\"id\"]}"));
        assertEquals("[true, null]", call("json.verify_schema", "{\"type\": \"boolean\"}"));
    }

    @Test
    void graphqlAstAndErrors() {
        assertEquals("{\"Operations\": [{\"Name\": \"\", \"Operation\": \"query\", \"SelectionSet\": [{\"Alias\": \"hero\", "
                + "\"Name\": \"hero\"}]}]}", call("graphql.parse_query", "\"{hero}\""));
        assertEquals("eval_builtin_error: graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:2",
                error("graphql.parse_query", "\"{\""));
        String schema = "\"type Query { hero(id: ID!): String }\"";
        assertEquals("true", call("graphql.is_valid", "\"{ hero(id: 1) }\"", schema));
        assertEquals("false", call("graphql.is_valid", "\"{ hero }\"", schema));
        assertEquals("false", call("graphql.schema_is_valid", "\"type Query { a: Missing }\""));
    }

    @Test
    void renderTemplateAndParseModule() {
        assertEquals("\"hello a,hello b <undefined>\"", call("strings.render_template",
                "\"{{range $i, $n := .names}}{{if $i}},{{end}}hello {{$n}}{{end}} {{.missing}}\"", "{\"names\": [\"a\", \"b\"]}"));
        assertTrue(call("rego.parse_module", "\"x.rego\"", "\"package foo.bar\\n\\np := 1\\n\"")
                .contains("{\"type\": \"string\", \"value\": \"foo\"}"));
    }

    @Test
    void sigV4SignsLikeOpa() {
        String out = call("providers.aws.sign_req", "{\"method\": \"get\", \"url\": \"http://example.com\"}",
                "{\"aws_access_key\": \"MYAWSACCESSKEYGOESHERE\", \"aws_secret_access_key\": \"MYAWSSECRETACCESSKEYGOESHERE\", "
                        + "\"aws_service\": \"s3\", \"aws_region\": \"us-east-1\"}", "1451311705000000000");
        assertTrue(out.contains("Signature=0047a7016c81e5c7f29cd522f97e911e04fc472fced0aee7916cbc287ad6c8e3"), out);
    }
}
