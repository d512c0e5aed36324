import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The mongo-wire-standin image's server: mongo-java-server with its in-memory backend on 0.0.0.0,
 * port 27017 or {@code --port N}, as {@code mongod} takes it ({@code mongod} as the first word is
 * skipped, as the official image's entrypoint does; other options are ignored, with a line on
 * stderr). No authentication: it refuses to start when {@code MONGO_INITDB_ROOT_USERNAME} or {@code
 * MONGO_INITDB_ROOT_PASSWORD} is set, rather than accept logins it cannot check. Not MongoDB: a
 * protocol stand-in for tests where no mongo image can be pulled.
 */
public final class MongoWireStandin {
  private MongoWireStandin() {}

  public static void main(String[] args) throws InterruptedException {
    for (String key : List.of("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD")) {
      String value = System.getenv(key);
      if (value != null && !value.isEmpty()) {
        System.err.println("mongo-wire-standin: " + key + " is set, and this protocol stand-in (mongo-java-server)"
            + " has no authentication: unset it, or use a real mongo image");
        System.exit(1);
      }
    }
    int port = 27017;
    int first = args.length > 0 && args[0].equals("mongod") ? 1 : 0;
    for (int i = first; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("--port=")) {
        port = Integer.parseInt(args[i].substring("--port=".length()));
      } else {
        System.err.println("mongo-wire-standin: ignoring " + args[i]);
      }
    }
    MongoServer server = new MongoServer(new MemoryBackend());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      stopped.countDown();
    }));
    server.bind("0.0.0.0", port);
    System.out.println("mongo-wire-standin (mongo-java-server 1.47.0, in memory): Waiting for connections on port "
        + port);
    stopped.await();
  }
}
