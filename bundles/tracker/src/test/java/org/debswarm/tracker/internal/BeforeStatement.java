package org.debswarm.tracker.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

/**
 * A data source whose connections run an action once, just before the first statement whose SQL starts with a
 * given prefix is prepared: a test puts another writer's whole transaction in that gap.
 */
final class BeforeStatement {

    private final DataSource delegate;
    private final String sqlPrefix;
    private final Runnable action;
    private final AtomicBoolean ran = new AtomicBoolean();

    BeforeStatement(DataSource delegate, String sqlPrefix, Runnable action) {
        this.delegate = delegate;
        this.sqlPrefix = sqlPrefix;
        this.action = action;
    }

    boolean ran() {
        return ran.get();
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (self, method, args) -> {
                    Object result = invoke(delegate, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (self, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                            && sql.startsWith(sqlPrefix) && ran.compareAndSet(false, true)) {
                        action.run();
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
