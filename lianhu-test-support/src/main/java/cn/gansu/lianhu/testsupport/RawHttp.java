package cn.gansu.lianhu.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 requests written by hand, for what a normal client will not do: declare a body longer than it sends
 * (a limit is checked on the declared length, before any byte of the body is read), or send a body chunked
 * without a length. Sends the default test token ({@link TestTokens#provinceAdmin()}).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** A response: status, headers (lower-case names) and body as UTF-8 text. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends the request line and headers with {@code Content-Length: declaredLength} and none of the body, then
     * reads the answer (the server must answer without waiting for the body).
     */
    public static Response declareOnly(int port, String method, String path, String contentType,
            long declaredLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, contentType, "Content-Length: " + declaredLength)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Sends {@code body} chunked (no Content-Length) in chunks of 64 KiB and reads the answer. */
    public static Response chunked(int port, String method, String path, String contentType, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, contentType, "Transfer-Encoding: chunked").getBytes(StandardCharsets.US_ASCII));
            try {
                for (int off = 0; off < body.length; off += 65536) {
                    int n = Math.min(65536, body.length - off);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, off, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server may answer and stop reading before the whole body is sent: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    private static String head(String method, String path, String contentType, String lengthHeader) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n"
                + "Authorization: " + TestTokens.bearer(TestTokens.provinceAdmin()) + "\r\n" + lengthHeader
                + "\r\nConnection: close\r\n\r\n";
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        int n;
        while ((n = in.read(b)) > 0) {
            buf.write(b, 0, n);
            String text = buf.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                Map<String, String> headers = headers(text.substring(0, end));
                String length = headers.get("content-length");
                if (length != null && text.substring(end + 4).getBytes(StandardCharsets.UTF_8).length
                        >= Integer.parseInt(length)) {
                    break;
                }
            }
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer: '" + text + "'");
        }
        String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ");
        Map<String, String> headers = headers(text.substring(0, end));
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, body);
    }

    private static String dechunk(String body) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < bytes.length) {
            int eol = i;
            while (eol + 1 < bytes.length && !(bytes[eol] == '\r' && bytes[eol + 1] == '\n')) {
                eol++;
            }
            int size = Integer.parseInt(new String(bytes, i, eol - i, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                break;
            }
            sb.append(new String(bytes, eol + 2, size, StandardCharsets.UTF_8));
            i = eol + 2 + size + 2;
        }
        return sb.toString();
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new TreeMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
