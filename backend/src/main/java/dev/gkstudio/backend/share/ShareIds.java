package dev.gkstudio.backend.share;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed ids: the base62 form of the first {@value #ID_BYTES} bytes of the SHA-256 of
 * the canonical JSON, left-padded to a fixed length. The same workspace always gets the same id;
 * a different one gets a different id except with negligible probability (80 bits), and the
 * store refuses to overwrite a row whose content differs.
 */
public final class ShareIds {

    static final int ID_BYTES = 10;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Characters needed for {@value #ID_BYTES} bytes: ceil(80 / log2(62)). */
    public static final int LENGTH = 14;
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{" + LENGTH + "}");
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private ShareIds() {
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The id of a canonical JSON text. */
    public static String idOf(String canonicalJson) {
        return idOfDigest(sha256(canonicalJson));
    }

    static String idOfDigest(byte[] digest) {
        BigInteger n = new BigInteger(1, Arrays.copyOf(digest, ID_BYTES));
        char[] out = new char[LENGTH];
        Arrays.fill(out, '0');
        for (int i = LENGTH - 1; i >= 0 && n.signum() > 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            n = qr[0];
        }
        return new String(out);
    }

    public static boolean isWellFormed(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
