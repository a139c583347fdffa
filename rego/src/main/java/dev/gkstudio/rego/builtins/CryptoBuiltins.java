package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.StringValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashes and HMACs (hex output), crypto.hmac.equal. */
final class CryptoBuiltins {
    private CryptoBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        hash(t, "crypto.md5", "MD5");
        hash(t, "crypto.sha1", "SHA-1");
        hash(t, "crypto.sha256", "SHA-256");
        hmac(t, "crypto.hmac.md5", "HmacMD5");
        hmac(t, "crypto.hmac.sha1", "HmacSHA1");
        hmac(t, "crypto.hmac.sha256", "HmacSHA256");
        hmac(t, "crypto.hmac.sha512", "HmacSHA512");
        t.put("crypto.hmac.equal", (c, a) -> {
            byte[] x = EncodingBuiltins.bytes(Args.str("crypto.hmac.equal", a, 0));
            byte[] y = EncodingBuiltins.bytes(Args.str("crypto.hmac.equal", a, 1));
            return BooleanValue.of(MessageDigest.isEqual(x, y));
        });
    }

    private static void hash(Map<String, BuiltinFunction> t, String name, String alg) {
        t.put(name, (c, a) -> StringValue.of(EncodingBuiltins.hex(digest(alg, EncodingBuiltins.bytes(Args.str(name, a, 0))))));
    }

    private static void hmac(Map<String, BuiltinFunction> t, String name, String alg) {
        t.put(name, (c, a) -> {
            byte[] msg = EncodingBuiltins.bytes(Args.str(name, a, 0));
            byte[] key = EncodingBuiltins.bytes(Args.str(name, a, 1));
            return StringValue.of(EncodingBuiltins.hex(hmac(alg, key, msg)));
        });
    }

    static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(String alg, byte[] key, byte[] msg) {
        try {
            Mac mac = Mac.getInstance(alg);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, alg));
            if (key.length == 0) {
                // an empty HMAC key behaves as a zero-filled block; SecretKeySpec refuses empty keys
                mac.init(new SecretKeySpec(new byte[blockSize(alg)], alg));
            }
            return mac.doFinal(msg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int blockSize(String alg) {
        return alg.equals("HmacSHA512") || alg.equals("HmacSHA384") ? 128 : 64;
    }
}
