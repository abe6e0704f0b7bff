package io.qjmkit.fencing;

import io.qjmkit.fencing.chain.MethodSpec;
import io.qjmkit.fencing.chain.MethodSpecParser;
import io.qjmkit.fencing.shell.ShellFence;
import io.qjmkit.fencing.ssh.SshFence;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered fence methods of {@code dfs.ha.fencing.methods}. A controller asks it to fence the old
 * active before promoting another NameNode; it tries each method in order and succeeds at the first
 * method that succeeds. It never throws for a method's failure, so {@code false} reliably means
 * "not fenced: do not promote".
 */
public final class FencingChain {
    private static final Logger LOG = LoggerFactory.getLogger(FencingChain.class);

    private final List<FenceMethod> methods;

    private FencingChain(List<FenceMethod> methods) {
        this.methods = List.copyOf(methods);
    }

    /**
     * Builds the chain from {@code dfs.ha.fencing.methods}.
     *
     * @throws FencingConfigException when the key is missing or empty (a controller must not run
     *     without fencing), or an entry is unknown or malformed; the message names the key, the entry
     *     and the expected forms
     */
    public static FencingChain fromConfiguration(Configuration conf) throws FencingConfigException {
        List<MethodSpec> specs = MethodSpecParser.parse(conf.get(FencingKeys.METHODS));
        List<FenceMethod> methods = new ArrayList<>(specs.size());
        for (MethodSpec spec : specs) {
            methods.add(
                    switch (spec.kind()) {
                        case SSH -> SshFence.fromConfiguration(spec.argument(), conf);
                        case SHELL -> ShellFence.fromConfiguration(spec.argument(), conf);
                    });
        }
        return new FencingChain(methods);
    }

    /** A chain of the given methods, tried in list order; the list must not be empty. */
    public static FencingChain of(List<FenceMethod> methods) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a fencing chain needs at least one method");
        }
        return new FencingChain(methods);
    }

    /** The methods in the order they are tried. */
    public List<FenceMethod> methods() {
        return methods;
    }

    /** The methods as configured, e.g. {@code [sshfence(hdfs:22), shell(/bin/true)]}, for logs. */
    public String describe() {
        return methods.stream().map(FenceMethod::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * Fences {@code target} with the first method that succeeds.
     *
     * @return true when a method fenced the target; false when every method failed
     * @throws InterruptedException when interrupted; the target then counts as not fenced
     */
    public boolean fence(FenceTarget target) throws InterruptedException {
        int index = 0;
        for (FenceMethod method : methods) {
            index++;
            LOG.info("Fencing {}: trying method {}/{}: {}", target, index, methods.size(), method.describe());
            boolean fenced;
            try {
                fenced = method.fence(target);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Fencing {}: method {} failed with an unexpected error; trying the next one",
                        target,
                        method.describe(),
                        e);
                continue;
            }
            if (fenced) {
                LOG.info("Fencing {}: succeeded with method {}", target, method.describe());
                return true;
            }
            LOG.warn("Fencing {}: method {} did not fence it", target, method.describe());
        }
        LOG.error(
                "Fencing {}: every method failed ({}); it must not be treated as fenced. Check the"
                        + " warnings above and {}",
                target,
                describe(),
                FencingKeys.METHODS);
        return false;
    }

    @Override
    public String toString() {
        return "FencingChain" + describe();
    }
}
