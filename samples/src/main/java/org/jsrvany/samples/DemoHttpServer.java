package org.jsrvany.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * A minimal HTTP/1.0 responder on 127.0.0.1 built on ServerSocket, so it also runs on runtimes
 * without the jdk.httpserver module. Every request gets the same status page.
 */
final class DemoHttpServer {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket socket;
    private final long startNanos;
    private final OptionalLong startCount;
    private final BooleanSupplier hung;

    private DemoHttpServer(ServerSocket socket, long startNanos, OptionalLong startCount, BooleanSupplier hung) {
        this.socket = socket;
        this.startNanos = startNanos;
        this.startCount = startCount;
        this.hung = hung;
    }

    /** Binds at once (so a taken port fails setup) and serves on a daemon thread. */
    static DemoHttpServer start(int port, long startNanos, OptionalLong startCount) throws IOException {
        return start(port, startNanos, startCount, () -> false);
    }

    /**
     * Like {@link #start(int, long, OptionalLong)}; while {@code hung} says so, a request is read and never
     * answered (the connection stays open): a server that hangs, for liveness checks.
     */
    static DemoHttpServer start(int port, long startNanos, OptionalLong startCount, BooleanSupplier hung)
            throws IOException {
        ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        DemoHttpServer server = new DemoHttpServer(socket, startNanos, startCount, hung);
        Thread acceptor = new Thread(server::acceptLoop, "http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread handler = new Thread(() -> handle(connection), "http-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                // A failed accept only loses that connection; keep serving.
            }
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            skipRequestHead(connection.getInputStream());
            while (hung.getAsBoolean()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            byte[] body = page().getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.0 200 OK\r\n"
                    + "Content-Type: text/html; charset=utf-8\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = connection.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // The client went away; nothing to report to.
        }
    }

    /** Reads up to the blank line ending the request head; the request itself does not matter. */
    private static void skipRequestHead(InputStream in) throws IOException {
        int matched = 0;
        for (int count = 0; count < MAX_HEAD_BYTES; count++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            if (b == '\r') {
                continue;
            }
            matched = b == '\n' ? matched + 1 : 0;
            if (matched == 2) {
                return;
            }
        }
    }

    String page() {
        long uptimeSeconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        Optional<String> greeting = Optional.ofNullable(System.getenv("DEMO_GREETING"));
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>jsrvany fixture</title></head>\n")
                .append("<body>\n<h1>jsrvany fixture</h1>\n");
        greeting.ifPresent(g -> html.append("<p id=\"greeting\">").append(escape(g)).append("</p>\n"));
        html.append("<ul>\n")
                .append("<li id=\"pid\">pid: ").append(ProcessHandle.current().pid()).append("</li>\n")
                .append("<li id=\"uptime\">uptime: ").append(uptimeSeconds).append(" s</li>\n")
                .append("<li id=\"starts\">start count: ")
                .append(startCount.isPresent() ? Long.toString(startCount.getAsLong()) : "n/a (no --state-file)")
                .append("</li>\n</ul>\n</body></html>\n");
        return html.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
