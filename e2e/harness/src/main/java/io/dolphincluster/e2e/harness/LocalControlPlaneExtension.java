package io.dolphincluster.e2e.harness;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension giving each test class one {@link LocalControlPlane}: started before the
 * class's first test, closed after its last. If any test (or a class-level callback) failed, the
 * plane's directory with every component's log is kept and its path logged.
 *
 * <p>It never skips: when the binaries are missing, starting fails and so do the class's tests,
 * with the message to run {@code e2e/scripts/install-kube.sh}. Nested test classes share their
 * outer class's plane.
 *
 * <p>Use either form:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalControlPlaneExtension KUBE = new LocalControlPlaneExtension(LocalControlPlane.Options.defaults());
 * ... KUBE.client(), KUBE.plane().kubeconfig() ...
 *
 * @ExtendWith(LocalControlPlaneExtension.class)   // every component
 * class MyIT {
 *     @Test void works(KubernetesClient client, LocalControlPlane plane) { ... }
 * }
 * }</pre>
 */
public final class LocalControlPlaneExtension
        implements BeforeAllCallback, AfterAllCallback, TestWatcher, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalControlPlaneExtension.class);
    private static final String PLANE = "plane";
    private static final String FAILED = "failed";

    private final LocalControlPlane.Options options;
    private volatile LocalControlPlane plane;

    /** Every component (what {@code @ExtendWith} uses). */
    public LocalControlPlaneExtension() {
        this(LocalControlPlane.Options.defaults());
    }

    public LocalControlPlaneExtension(LocalControlPlane.Options options) {
        this.options = options;
    }

    /** The running plane; only between the class's start and end. */
    public LocalControlPlane plane() {
        LocalControlPlane current = plane;
        if (current == null) {
            throw new IllegalStateException(
                    "no control plane: it is started before the test class's first test");
        }
        return current;
    }

    /** The plane's shared admin client. */
    public KubernetesClient client() {
        return plane().client();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (inherited(context).isPresent()) {
            return;
        }
        LocalControlPlane started = LocalControlPlane.start(options);
        context.getStore(NAMESPACE).put(FAILED, new AtomicBoolean());
        context.getStore(NAMESPACE).put(PLANE, started);
        plane = started;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        LocalControlPlane started = store.remove(PLANE, LocalControlPlane.class);
        if (started == null) {
            return;
        }
        plane = null;
        AtomicBoolean failed = store.remove(FAILED, AtomicBoolean.class);
        if ((failed != null && failed.get()) || context.getExecutionException().isPresent()) {
            started.keepFilesOnClose();
        }
        started.close();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        // The flag lives beside the plane, in the class that started it; stores look up their
        // parents.
        AtomicBoolean failed = context.getStore(NAMESPACE).get(FAILED, AtomicBoolean.class);
        if (failed != null) {
            failed.set(true);
        }
    }

    @Override
    public boolean supportsParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == LocalControlPlane.class || type == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        LocalControlPlane current =
                inherited(extensionContext)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no control plane for "
                                                        + extensionContext.getDisplayName()));
        return parameterContext.getParameter().getType() == LocalControlPlane.class
                ? current
                : current.client();
    }

    /** The plane of this context or an enclosing one (stores look up their parents). */
    private static Optional<LocalControlPlane> inherited(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(PLANE, LocalControlPlane.class));
    }
}
