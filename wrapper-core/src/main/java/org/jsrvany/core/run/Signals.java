package org.jsrvany.core.run;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches SIGINT and SIGTERM (Ctrl+C on a Windows console) so the wrapper can run the stop ladder
 * and exit with its own code, instead of the JVM's shutdown exit. Uses {@code sun.misc.Signal}
 * through reflection: it lives in jdk.unsupported, which some runtimes lack; then this returns false
 * and the caller falls back to a shutdown hook.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Routes the named signals to {@code action}; false when the runtime cannot. */
    static boolean handle(Runnable action, String... names) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            InvocationHandler ih = (Object proxy, Method method, Object[] args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                    return null;
                }
                if (method.getName().equals("toString")) {
                    return "jsrvany stop handler";
                }
                if (method.getName().equals("hashCode")) {
                    return System.identityHashCode(proxy);
                }
                if (method.getName().equals("equals")) {
                    return proxy == args[0];
                }
                return null;
            };
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, ih);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : names) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                handle.invoke(null, signal, handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("Signal handling is not available here: {}", e.toString());
            return false;
        }
    }
}
