package dev.flights.localhost.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), for requests that
 * {@link java.net.http.HttpClient} will not send: header values with any byte but CR and LF (UTF-8, obs-text,
 * control characters), header names it reserves, repeated headers, a target exactly as given. The request line and
 * headers go out as the bytes given; the answer is read to the end of the connection.
 */
final class RawHttp {

    /** One header line; the value is sent as these bytes. */
    record Header(String name, byte[] value) {

        static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name + ": " + escape(new String(value, StandardCharsets.ISO_8859_1));
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private static final int TIMEOUT_MILLIS = 20_000;

    private RawHttp() {
    }

    /**
     * Sends the request and reads the answer; fails (IOException) if the host closes or resets the connection before
     * a whole answer arrived, as a client would see it.
     */
    static Response exchange(int port, String method, String target, List<Header> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MILLIS);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            for (Header header : headers) {
                head.writeBytes((header.name() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                head.writeBytes(header.value());
                head.writeBytes(new byte[] {'\r', '\n'});
            }
            head.writeBytes(new byte[] {'\r', '\n'});
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("the connection ended before a whole answer (" + all.length + " bytes)");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            rest = unchunk(rest);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length").get(0));
            if (rest.length < length) {
                throw new IOException("the connection ended " + (length - rest.length) + " bytes before the body did");
            }
            rest = java.util.Arrays.copyOf(rest, length);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                throw new IOException("a chunk was cut off");
            }
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                    .split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            if (lineEnd + 2 + size > chunked.length) {
                throw new IOException("a chunk was cut off");
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] what) {
        return indexOf(data, 0, what);
    }

    private static int indexOf(byte[] data, int from, byte[] what) {
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Control characters and everything past ASCII as \\uXXXX, so a failing case prints readably. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        String shown = text.length() > 200 ? text.substring(0, 200) : text;
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > 200) {
            out.append("...(").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
