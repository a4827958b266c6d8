package org.sanwang.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network's callback endpoint, as a real local HTTP server: records every request the hub sends
 * (headers and body) and answers with scripted statuses (503 with Retry-After, 410, …) before 204.
 */
final class CallbackStub implements AutoCloseable {
  record Received(String webhookId, String timestamp, String signature, String contentType, String body, int answered) {}

  record Answer(int status, String retryAfter) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final HttpServer server;

  CallbackStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/callbacks", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Answer answer;
      synchronized (script) {
        answer = script.isEmpty() ? new Answer(204, null) : script.poll();
      }
      var h = exchange.getRequestHeaders();
      received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
          h.getFirst("Content-Type"), body, answer.status()));
      if (answer.retryAfter() != null) exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
      exchange.sendResponseHeaders(answer.status(), -1);
      exchange.close();
    });
    server.start();
  }

  /** The next requests are answered so, in order; then 204 again. */
  void answerNext(Answer... answers) {
    synchronized (script) {
      script.addAll(List.of(answers));
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
  }

  List<Received> delivered() {
    return received.stream().filter(r -> r.answered() / 100 == 2).toList();
  }

  Map<String, List<String>> headersOf(Received r) {
    return Map.of("webhook-id", List.of(r.webhookId()), "webhook-timestamp", List.of(r.timestamp()),
        "webhook-signature", List.of(r.signature()));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
