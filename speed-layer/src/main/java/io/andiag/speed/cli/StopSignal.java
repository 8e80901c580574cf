package io.andiag.speed.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a long-running command block until Ctrl-C (SIGINT) or SIGTERM, then stop cleanly and
 * exit with code 0.
 *
 * <p>A plain shutdown hook is not enough for that: the JVM then exits with 130/143 whatever the
 * hook does. So SIGINT and SIGTERM get handlers (through {@code sun.misc.Signal}, looked up
 * reflectively, as Kafka's own {@code LoggingSignalHandler} does) that only wake the command up;
 * the command closes its resources on its own thread and returns normally. A second signal while
 * stopping halts at once. A shutdown hook remains as a safety net (other signals,
 * {@code System.exit} elsewhere, or no {@code sun.misc.Signal}): it asks the command to stop and
 * waits for it, up to {@link #HOOK_WAIT_SECONDS}.
 */
final class StopSignal {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
    static final long HOOK_WAIT_SECONDS = 30;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile String reason = "";

    private StopSignal() {
    }

    /** Installs the SIGINT/SIGTERM handlers and the safety-net shutdown hook. Call once per process. */
    static StopSignal install() {
        StopSignal stop = new StopSignal();
        boolean handled = stop.handle("INT", 130) & stop.handle("TERM", 143);
        if (!handled) {
            LOG.warn("Cannot handle SIGINT/SIGTERM here; stopping from a shutdown hook (exit code 130/143)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.request("JVM shutdown");
            stop.awaitStopped();
        }, "andiag-shutdown-hook"));
        return stop;
    }

    /** A stop signal without handlers, for a command run in-process by a test. */
    static StopSignal manual() {
        return new StopSignal();
    }

    /** Asks the command to stop; only the first request counts. */
    void request(String why) {
        if (requested.compareAndSet(false, true)) {
            reason = why;
            stopRequested.countDown();
        }
    }

    /** True once a stop was requested (for commands that poll instead of blocking in {@link #await}). */
    boolean isRequested() {
        return requested.get();
    }

    /** Blocks until {@link #request} is called; returns the reason. */
    String await() throws InterruptedException {
        stopRequested.await();
        return reason;
    }

    /** The command has released everything; a waiting shutdown hook may let the JVM go. */
    void markStopped() {
        stopped.countDown();
    }

    private void awaitStopped() {
        try {
            if (!stopped.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Command did not stop within {} s; exiting anyway", HOOK_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onSignal(String name, int haltCode) {
        if (requested.get() && stopped.getCount() > 0) {
            LOG.warn("Second SIG{} while stopping: halting now", name);
            Runtime.getRuntime().halt(haltCode);
        }
        LOG.info("SIG{} received, stopping", name);
        request("SIG" + name);
    }

    /** Registers {@link #onSignal} for {@code signalName}; false if the platform does not allow it. */
    private boolean handle(String signalName, int haltCode) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(StopSignal.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> {
                                onSignal(signalName, haltCode);
                                return null;
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "andiag SIG" + signalName + " handler";
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                    });
            handle.invoke(null, newSignal.newInstance(signalName), handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("No handler for SIG{}: {}", signalName, e.toString());
            return false;
        }
    }
}
