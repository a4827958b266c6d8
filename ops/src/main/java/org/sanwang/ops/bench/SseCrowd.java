package org.sanwang.ops.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many SSE clients in one thread: non-blocking sockets on one selector, each sending one GET and
 * then counting the {@code data:} lines it receives (not the empty ones of keep-alive heartbeats). A crowd of phones for benchmarks and tests, at
 * a few hundred bytes a client, so the load generator is not what runs out of memory.
 */
public final class SseCrowd implements AutoCloseable {
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

  /** One client: its socket, what it asked for, and what it got. */
  public static final class Client {
    final String kind;
    final String path;
    final String token;
    final SocketChannel channel;
    final byte[] request;
    ByteBuffer pending;
    int status = -1;
    int matched;
    boolean afterData;
    int headerState;
    private final StringBuilder statusLine = new StringBuilder();
    volatile int frames;
    volatile int heartbeats;
    volatile boolean closed;

    Client(String kind, String path, String token, SocketChannel channel, byte[] request) {
      this.kind = kind;
      this.path = path;
      this.token = token;
      this.channel = channel;
      this.request = request;
    }

    /** What the client was opened as (a label of the caller's). */
    public String kind() {
      return kind;
    }

    /** The hub's keep-alive heartbeats received (empty {@code data:} lines). */
    public int heartbeats() {
      return heartbeats;
    }

    /** Answered 200 and still open. */
    public boolean connected() {
      return status == 200 && !closed;
    }

    public int status() {
      return status;
    }

    public int frames() {
      return frames;
    }

    public boolean closed() {
      return closed;
    }
  }

  private final InetSocketAddress server;
  private final Selector selector;
  private final Thread loop;
  private final ConcurrentLinkedQueue<Client> toRegister = new ConcurrentLinkedQueue<>();
  private final List<Client> clients = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger closedCount = new AtomicInteger();
  private final AtomicLong frames = new AtomicLong();
  private volatile boolean running = true;

  public SseCrowd(String host, int port) throws IOException {
    this(host, port, "sse-crowd");
  }

  /** @param name the selector thread's name */
  public SseCrowd(String host, int port, String name) throws IOException {
    this.server = new InetSocketAddress(host, port);
    this.selector = Selector.open();
    this.loop = new Thread(this::run, name);
    this.loop.setDaemon(true);
    this.loop.start();
  }

  /** Opens a client streaming {@code path} with the bearer token; returns at once. */
  public Client open(String path, String token) throws IOException {
    return open("", path, token);
  }

  /** Opens a client of {@code kind} streaming {@code path} with the bearer token; returns at once. */
  public Client open(String kind, String path, String token) throws IOException {
    var channel = SocketChannel.open();
    channel.configureBlocking(false);
    channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
        + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    var client = new Client(kind, path, token, channel, request.getBytes(StandardCharsets.US_ASCII));
    channel.connect(server);
    clients.add(client);
    toRegister.add(client);
    selector.wakeup();
    return client;
  }

  /** Clients whose response headers arrived (any status). */
  public int answered() {
    return answered.get();
  }

  /** Clients answered 200. */
  public int ok() {
    return ok.get();
  }

  public int closedCount() {
    return closedCount.get();
  }

  /** Clients answered (any status) or closed. */
  public int done() {
    return answered.get() + closedCount.get();
  }

  /** How many clients have each status (-1: not answered yet; 0: answered 200, then closed). */
  public java.util.SortedMap<Integer, Integer> statuses() {
    var out = new java.util.TreeMap<Integer, Integer>();
    for (var c : clients()) out.merge(c.closed && c.status == 200 ? 0 : c.status, 1, Integer::sum);
    return out;
  }

  /** Opens again, as a browser's EventSource does, every client answered other than 200 or closed; returns how many. */
  public int reopenFailed() throws IOException {
    var failed = new ArrayList<Client>();
    for (var c : clients()) if (c.closed || c.status >= 0 && c.status != 200) failed.add(c);
    for (var c : failed) {
      c.channel.close();
      clients.remove(c);
      if (c.status >= 0 && !c.closed) answered.decrementAndGet();
      if (c.status == 200 && !c.closed) ok.decrementAndGet();
      if (c.closed) closedCount.decrementAndGet();
      c.closed = true;
    }
    for (var c : failed) open(c.kind, c.path, c.token);
    return failed.size();
  }

  /** {@code data:} lines received by all clients together. */
  public long frames() {
    return frames.get();
  }

  public List<Client> clients() {
    synchronized (clients) {
      return List.copyOf(clients);
    }
  }

  /** Closes every client (the server sees each stream end). */
  public void closeAll() {
    for (var c : clients()) {
      try {
        c.channel.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    synchronized (clients) {
      clients.clear();
    }
    answered.set(0);
    ok.set(0);
    closedCount.set(0);
    frames.set(0);
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
              int n = client.channel.read(buffer);
              if (n < 0) {
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
      } catch (IOException | java.nio.channels.ClosedSelectorException e) {
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

  /** The status from the first line; then the {@code data:} lines, matched across reads. */
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
        // the headers end at \r\n\r\n
        c.headerState = switch (c.headerState) {
          case 0, 2 -> b == '\r' ? c.headerState + 1 : 0;
          case 1, 3 -> b == '\n' ? c.headerState + 1 : 0;
          default -> 0;
        };
        if (c.headerState == 4) {
          c.statusLine.setLength(0);
          answered.incrementAndGet();
          if (c.status == 200) ok.incrementAndGet();
        }
        continue;
      }
      if (c.afterData) {
        // "data:" then the end of the line is the hub's keep-alive heartbeat, not a message.
        c.afterData = false;
        if (b != '\n' && b != '\r') {
          c.frames++;
          frames.incrementAndGet();
        } else {
          c.heartbeats++;
        }
      }
      if (b == DATA[c.matched]) {
        if (++c.matched == DATA.length) {
          c.matched = 0;
          c.afterData = true;
        }
      } else {
        c.matched = b == DATA[0] ? 1 : 0;
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    closeAll();
    selector.wakeup();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    selector.close();
  }
}
