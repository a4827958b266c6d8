package org.sanwang.ops.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's SSE clients on one node: as {@link SseCrowd} (non-blocking sockets on one selector, a
 * few hundred bytes a client), but telling the hub's keep-alive heartbeats ({@code data:} with
 * nothing after it, every 15 s on an idle stream) from real frames ({@code data:} with a payload),
 * so that "every client received frames" means messages, not heartbeats.
 */
final class SoakStreams implements AutoCloseable {
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

  /** One client: its socket, what it asked for and what it got. */
  static final class Client {
    final String kind;
    final String path;
    final String token;
    final SocketChannel channel;
    final byte[] request;
    ByteBuffer pending;
    volatile int status = -1;
    volatile boolean closed;
    volatile int frames;
    volatile int heartbeats;
    private int matched; // bytes of "data:" matched; DATA.length: the next byte tells a heartbeat from a frame
    private int headerState;
    private final StringBuilder statusLine = new StringBuilder();

    Client(String kind, String path, String token, SocketChannel channel, byte[] request) {
      this.kind = kind;
      this.path = path;
      this.token = token;
      this.channel = channel;
      this.request = request;
    }

    boolean connected() {
      return status == 200 && !closed;
    }
  }

  private final InetSocketAddress server;
  private final Selector selector = Selector.open();
  private final Thread loop;
  private final ConcurrentLinkedQueue<Client> toRegister = new ConcurrentLinkedQueue<>();
  private final List<Client> clients = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger closedCount = new AtomicInteger();
  private final AtomicLong frames = new AtomicLong();
  private volatile boolean running = true;

  SoakStreams(String host, int port, String name) throws IOException {
    this.server = new InetSocketAddress(host, port);
    this.loop = new Thread(this::run, "soak-streams-" + name);
    this.loop.setDaemon(true);
    this.loop.start();
  }

  /** Opens a client of {@code kind} streaming {@code path} with the bearer token; returns at once. */
  void open(String kind, String path, String token) throws IOException {
    var channel = SocketChannel.open();
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
        + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    var client = new Client(kind, path, token, channel, request.getBytes(StandardCharsets.US_ASCII));
    channel.connect(server);
    clients.add(client);
    toRegister.add(client);
    selector.wakeup();
  }

  /** How many clients have each status (-1: not answered yet), as a browser's EventSource would see them. */
  java.util.SortedMap<Integer, Integer> statuses() {
    var out = new java.util.TreeMap<Integer, Integer>();
    for (var c : clients()) out.merge(c.closed && c.status == 200 ? 0 : c.status, 1, Integer::sum);
    return out;
  }

  /** Opens again, as a browser's EventSource does, every client answered other than 200 or closed; returns how many. */
  int reopenFailed() throws IOException {
    var failed = new java.util.ArrayList<Client>();
    for (var c : clients()) if (c.closed || c.status >= 0 && c.status != 200) failed.add(c);
    for (var c : failed) {
      c.channel.close();
      clients.remove(c);
      if (c.status >= 0 && !c.closed) answered.decrementAndGet();
      if (c.closed) closedCount.decrementAndGet();
      c.closed = true;
    }
    for (var c : failed) open(c.kind, c.path, c.token);
    return failed.size();
  }

  /** Clients whose response headers arrived (any status) or that were closed. */
  int done() {
    return answered.get() + closedCount.get();
  }

  int closedCount() {
    return closedCount.get();
  }

  /** Real frames (not heartbeats) received by all clients together. */
  long frames() {
    return frames.get();
  }

  List<Client> clients() {
    synchronized (clients) {
      return List.copyOf(clients);
    }
  }

  private void run() {
    var buffer = ByteBuffer.allocateDirect(64 * 1024);
    while (running) {
      try {
        selector.select(100);
        Client c;
        while ((c = toRegister.poll()) != null) {
          try {
            c.channel.register(selector, SelectionKey.OP_CONNECT, c);
          } catch (IOException e) {
            closed(c);
          }
        }
        var keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          var key = keys.next();
          keys.remove();
          var client = (Client) key.attachment();
          try {
            if (!key.isValid()) continue;
            if (key.isConnectable()) {
              client.channel.finishConnect();
              client.pending = ByteBuffer.wrap(client.request);
              key.interestOps(SelectionKey.OP_WRITE);
            } else if (key.isWritable()) {
              client.channel.write(client.pending);
              if (!client.pending.hasRemaining()) {
                client.pending = null;
                key.interestOps(SelectionKey.OP_READ);
              }
            } else if (key.isReadable()) {
              buffer.clear();
              if (client.channel.read(buffer) < 0) {
                key.cancel();
                client.channel.close();
                closed(client);
              } else {
                buffer.flip();
                read(client, buffer);
              }
            }
          } catch (IOException e) {
            key.cancel();
            try {
              client.channel.close();
            } catch (IOException ignored) {
              // closing
            }
            closed(client);
          }
        }
      } catch (IOException | ClosedSelectorException e) {
        if (running) throw new IllegalStateException(e);
      }
    }
  }

  private void closed(Client c) {
    if (!c.closed) {
      c.closed = true;
      closedCount.incrementAndGet();
    }
  }

  /** The status from the first line; then each {@code data:} line, a heartbeat when nothing follows it. */
  private void read(Client c, ByteBuffer in) {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (c.headerState < 4) {
        if (c.status < 0) {
          if (b == '\r') {
            String line = c.statusLine.toString();
            c.status = line.length() >= 12 ? Integer.parseInt(line.substring(9, 12)) : 0;
          } else {
            c.statusLine.append((char) b);
          }
        }
        c.headerState = switch (c.headerState) {
          case 0, 2 -> b == '\r' ? c.headerState + 1 : 0;
          case 1, 3 -> b == '\n' ? c.headerState + 1 : 0;
          default -> 0;
        };
        if (c.headerState == 4) {
          c.statusLine.setLength(0);
          answered.incrementAndGet();
        }
        continue;
      }
      if (c.matched == DATA.length) {
        c.matched = 0;
        if (b == '\n' || b == '\r') {
          c.heartbeats++;
        } else {
          c.frames++;
          frames.incrementAndGet();
        }
        continue;
      }
      if (b == DATA[c.matched]) c.matched++;
      else c.matched = b == DATA[0] ? 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    for (var c : clients()) {
      try {
        c.channel.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    selector.wakeup();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    selector.close();
  }
}
