package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** providers.aws.sign_req: AWS Signature Version 4 for an http.send request object, as OPA computes it. */
final class ProvidersBuiltins {
    private ProvidersBuiltins() {}

    private static final List<String> AWS_KEYS = List.of("aws_access_key", "aws_region", "aws_secret_access_key", "aws_service");
    private static final Set<String> IGNORED = Set.of("authorization", "user-agent", "x-amzn-trace-id");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static void register(Map<String, BuiltinFunction> t) {
        t.put("providers.aws.sign_req", ProvidersBuiltins::signReq);
    }

    private static String setText(List<String> names) {
        List<Value> vs = new ArrayList<>();
        for (String n : names) vs.add(StringValue.of(n));
        return SetValue.of(vs).toString();
    }

    private static String str(Value v) {
        return v instanceof StringValue s ? s.value() : "";
    }

    private static Value signReq(BuiltinContext c, Value[] a) {
        String b = "providers.aws.sign_req";
        ObjectValue req = Args.obj(b, a, 0);
        if (!(a[1] instanceof ObjectValue cfg)) throw BuiltinException.operand(b, 1, a[1], "object");
        List<String> missing = new ArrayList<>();
        for (String k : AWS_KEYS) if (cfg.get(k) == null) missing.add(k);
        if (!missing.isEmpty()) throw Args.operandErr(b, 2, "missing required AWS config parameters(s): " + setText(missing));
        List<String> invalid = new ArrayList<>();
        for (String k : AWS_KEYS) if (!(cfg.get(k) instanceof StringValue)) invalid.add(k);
        if (!invalid.isEmpty()) throw Args.operandErr(b, 2, "invalid values for required AWS config parameters(s): " + setText(invalid));
        String service = str(cfg.get("aws_service"));
        String accessKey = str(cfg.get("aws_access_key"));
        String secretKey = str(cfg.get("aws_secret_access_key"));
        String region = str(cfg.get("aws_region"));
        String session = cfg.get("aws_session_token") == null ? "" : str(cfg.get("aws_session_token"));
        if (!(a[2] instanceof NumberValue ts)) throw BuiltinException.operand(b, 1, a[2], "number");
        Long ns = ts.toLongOrNull();
        String lit = ts.literalText();
        if (lit != null && !lit.matches("-?[0-9]+")) ns = null;
        if (ns == null) throw Args.operandErr(b, 3, "could not convert time_ns value into a unix timestamp");
        List<String> missingReq = new ArrayList<>();
        for (String k : List.of("method", "url")) if (req.get(k) == null) missingReq.add(k);
        if (!missingReq.isEmpty()) throw Args.operandErr(b, 1, "missing required request parameters(s): " + setText(missingReq));
        ObjectValue headers = ObjectValue.EMPTY;
        Value h = req.get("headers");
        if (h != null) {
            if (!(h instanceof ObjectValue ho)) throw BuiltinException.operand(b, 0, h, "object");
            headers = ho;
        }
        List<String> badReq = new ArrayList<>();
        if (!(req.get("url") instanceof StringValue)) badReq.add("url");
        if (!(req.get("method") instanceof StringValue)) badReq.add("method");
        if (!badReq.isEmpty()) {
            badReq.sort(null);
            throw Args.operandErr(b, 1, "invalid values for required request parameters(s): " + setText(badReq));
        }
        URI uri;
        try {
            uri = new URI(str(req.get("url")));
        } catch (Exception e) {
            throw Args.err(b, "parse \"" + str(req.get("url")) + "\": " + e.getMessage());
        }
        String method = str(req.get("method"));
        byte[] body;
        if (req.get("raw_body") != null) body = str(req.get("raw_body")).getBytes(StandardCharsets.UTF_8);
        else if (req.get("body") != null) body = Json.write(req.get("body")).getBytes(StandardCharsets.UTF_8);
        else body = new byte[0];
        boolean disablePayload = false;
        Value dps = cfg.get("disable_payload_signing");
        if (dps != null) {
            if (!(dps instanceof BooleanValue bv)) throw Args.operandErr(b, 2, "invalid value for 'disable_payload_signing' in AWS config");
            disablePayload = bv.value();
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Value k : headers.keys()) given.put(str(k), str(headers.get(k)));

        Instant now = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
        String day = DAY.format(now), stamp = STAMP.format(now);
        String payloadHash = disablePayload ? "UNSIGNED-PAYLOAD" : EncodingBuiltins.hex(CryptoBuiltins.digest("SHA-256", body));
        Map<String, String> awsHeaders = new LinkedHashMap<>();
        String host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        int at = host.lastIndexOf('@');
        if (at >= 0) host = host.substring(at + 1);
        awsHeaders.put("host", host);
        awsHeaders.put("x-amz-date", stamp);
        if (service.equals("s3") || service.equals("glacier")) awsHeaders.put("x-amz-content-sha256", payloadHash);
        if (!session.isEmpty()) awsHeaders.put("x-amz-security-token", session);
        TreeMap<String, String> toSign = new TreeMap<>(awsHeaders);
        for (var e : given.entrySet()) {
            String lk = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!IGNORED.contains(lk)) toSign.put(lk, e.getValue());
        }
        StringBuilder canon = new StringBuilder();
        canon.append(method).append('\n');
        canon.append(uri.getRawPath() == null ? "" : uri.getRawPath()).append('\n');
        canon.append(uri.getRawQuery() == null ? "" : uri.getRawQuery()).append('\n');
        for (var e : toSign.entrySet()) canon.append(e.getKey()).append(':').append(e.getValue()).append('\n');
        canon.append('\n');
        String headerList = String.join(";", toSign.keySet());
        canon.append(headerList).append('\n').append(payloadHash);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSignStr = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + EncodingBuiltins.hex(CryptoBuiltins.digest("SHA-256", canon.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = mac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = mac(key, region);
        key = mac(key, service);
        key = mac(key, "aws4_request");
        String sig = EncodingBuiltins.hex(mac(key, toSignStr));
        String auth = "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ",SignedHeaders=" + headerList + ",Signature=" + sig;

        ObjectValue.Builder out = ObjectValue.builder();
        for (var e : given.entrySet()) out.put(e.getKey(), StringValue.of(e.getValue()));
        out.put("Authorization", StringValue.of(auth));
        for (var e : awsHeaders.entrySet()) out.put(e.getKey(), StringValue.of(e.getValue()));
        ObjectValue.Builder res = ObjectValue.builder();
        for (Value k : req.keys()) if (!k.equals(StringValue.of("headers"))) res.put(k, req.get(k));
        res.put("headers", out.build());
        return res.build();
    }

    private static byte[] mac(byte[] key, String msg) {
        return CryptoBuiltins.hmac("HmacSHA256", key, msg.getBytes(StandardCharsets.UTF_8));
    }
}
