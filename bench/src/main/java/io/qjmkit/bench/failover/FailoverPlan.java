package io.qjmkit.bench.failover;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which sides run the scenario families: the order of the sides alternates from one
 * family to the next (as the journal repetitions alternate), and consecutive families of one side
 * share a cluster. With two sides and three families that is four cluster starts, e.g. qjm-kit
 * {SIGKILL}, Hadoop {SIGKILL, graceful}, qjm-kit {graceful, host loss}, Hadoop {host loss}.
 */
public final class FailoverPlan {
    private FailoverPlan() {}

    /** One cluster's work: a side and the families it runs in order. */
    public record Stint<S, F>(S side, List<F> families) {}

    /**
     * One stint per side running every family, in the given side order: the quick run's plan, which
     * saves cluster starts (about 17 s each on two cores) at the price of a fixed order.
     */
    public static <S, F> List<Stint<S, F>> grouped(List<S> sides, List<F> families) {
        return sides.stream().map(s -> new Stint<>(s, List.copyOf(families))).toList();
    }

    /** Family {@code f} runs the sides in the given order when f is even, reversed when odd. */
    public static <S, F> List<Stint<S, F>> of(List<S> sides, List<F> families) {
        List<Stint<S, F>> plan = new ArrayList<>();
        for (int f = 0; f < families.size(); f++) {
            List<S> order = new ArrayList<>(sides);
            if (f % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (S side : order) {
                Stint<S, F> last = plan.isEmpty() ? null : plan.get(plan.size() - 1);
                if (last != null && last.side().equals(side)) {
                    List<F> more = new ArrayList<>(last.families());
                    more.add(families.get(f));
                    plan.set(plan.size() - 1, new Stint<>(side, List.copyOf(more)));
                } else {
                    plan.add(new Stint<>(side, List.of(families.get(f))));
                }
            }
        }
        return List.copyOf(plan);
    }
}
