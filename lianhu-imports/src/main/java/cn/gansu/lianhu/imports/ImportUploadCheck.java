package cn.gansu.lianhu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import cn.gansu.lianhu.api.ApiException;

/**
 * The synchronous checks of an upload before a job is created (issue point 7.2). All answer 400 with a
 * problem naming field {@code file} (or {@code charset}):
 * <ul>
 * <li>{@code file.empty} — no bytes;</li>
 * <li>{@code file.encoding} — a CSV that is not valid UTF-8 (a strict decoder over the whole file; a BOM is
 * fine): if it decodes cleanly as GB18030 the message says it looks GBK-encoded and how to fix it, else
 * that it is neither UTF-8 nor GBK. With {@code charset=GBK} a file that is valid UTF-8 with non-ASCII text
 * is refused too (decoding it as GBK would store mojibake);</li>
 * <li>{@code file.format} — declared XLSX but not a ZIP, or an unreadable workbook;</li>
 * <li>{@code charset.unsupported} — charset other than UTF-8 or GBK.</li>
 * </ul>
 */
public final class ImportUploadCheck {
    /** GBK is read with its superset GB18030, so every GBK file decodes identically. */
    public static final Charset GBK = Charset.forName("GB18030");

    private ImportUploadCheck() {
    }

    /** What the checks found out. */
    public record Verdict(ImportFormat format, Charset charset, String charsetName) {
    }

    /** Parses the {@code charset} query parameter: null (not given), UTF-8 or GBK. */
    public static String charsetParam(String charset) {
        if (charset == null || charset.isBlank()) {
            return null;
        }
        String c = charset.trim().toUpperCase(Locale.ROOT).replace("_", "-");
        return switch (c) {
            case "UTF-8", "UTF8" -> "UTF-8";
            case "GBK", "GB18030", "GB2312", "CP936" -> "GBK";
            default -> throw ApiException.invalid("charset", "charset.unsupported",
                    "charset '" + charset + "' is not supported: use UTF-8 (default) or GBK");
        };
    }

    /**
     * Checks an upload spooled to {@code file}.
     *
     * @param declaredXlsx the client declared the XLSX media type
     * @param charset      null, "UTF-8" or "GBK"
     */
    public static Verdict check(Path file, boolean declaredXlsx, String charset) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw ApiException.invalid("file", "file.empty", "the uploaded file is empty");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(magic, 0, 4);
            if (n == 4 && Arrays.equals(magic, new byte[] {'P', 'K', 3, 4})) {
                return new Verdict(ImportFormat.XLSX, null, null);
            }
        }
        if (declaredXlsx) {
            throw ApiException.invalid("file", "file.format",
                    "the file was sent as XLSX but is not an XLSX workbook (no ZIP signature)");
        }
        boolean utf8 = decodes(file, StandardCharsets.UTF_8);
        if ("GBK".equals(charset)) {
            if (utf8 && hasNonAscii(file)) {
                throw ApiException.invalid("file", "file.encoding", "the file is UTF-8 encoded, not GBK: "
                        + "reading it as GBK would garble its Chinese text; omit charset or pass charset=UTF-8");
            }
            if (!decodes(file, GBK)) {
                throw ApiException.invalid("file", "file.encoding", "the file is not valid GBK text (nor UTF-8): "
                        + "save it as CSV UTF-8 and upload it again");
            }
            return new Verdict(ImportFormat.CSV, GBK, "GBK");
        }
        if (utf8) {
            return new Verdict(ImportFormat.CSV, StandardCharsets.UTF_8, "UTF-8");
        }
        if (decodes(file, GBK)) {
            throw ApiException.invalid("file", "file.encoding", "the file is not valid UTF-8 and looks GBK-encoded "
                    + "(as Excel saves CSV on Chinese Windows): re-save it as CSV UTF-8, or upload it with charset=GBK");
        }
        throw ApiException.invalid("file", "file.encoding",
                "the file is neither UTF-8 nor GBK text: upload a CSV saved as UTF-8 (or GBK with charset=GBK) or an XLSX workbook");
    }

    /** Decodes the whole file strictly; false at the first malformed or unmappable sequence. */
    static boolean decodes(Path file, Charset charset) throws IOException {
        try (Reader r = new InputStreamReader(Files.newInputStream(file), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            char[] buf = new char[1 << 16];
            while (r.read(buf) >= 0) {
                // decode only
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasNonAscii(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] < 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
