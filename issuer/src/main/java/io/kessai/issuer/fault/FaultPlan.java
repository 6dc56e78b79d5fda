package io.kessai.issuer.fault;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which answer gets which fault: a card's own fault (accounts file) wins; otherwise each traffic
 * fault takes its share of the remaining answers, drawn from a seeded generator so a test run can
 * be repeated. Network management (0800) is never faulted: the link must stay signed on to carry
 * the faults at all. Thread-safe.
 */
public final class FaultPlan {
    private static final FaultPlan NONE = new FaultPlan(List.of(), 0);

    private final List<TrafficFault> trafficFaults;
    private final SplittableRandom random;
    private final int totalPartsPerMillion;

    public FaultPlan(List<TrafficFault> trafficFaults, long seed) {
        this.trafficFaults = List.copyOf(trafficFaults);
        this.random = new SplittableRandom(seed);
        long total = 0;
        for (TrafficFault fault : this.trafficFaults) {
            total += fault.partsPerMillion();
        }
        if (total > TrafficFault.MILLION) {
            throw new IllegalArgumentException("traffic fault shares add up to more than 100%");
        }
        this.totalPartsPerMillion = (int) total;
    }

    public static FaultPlan none() {
        return NONE;
    }

    public List<TrafficFault> trafficFaults() {
        return trafficFaults;
    }

    /** The fault for one answer, or null for a normal answer. */
    public Fault choose(Fault cardFault) {
        if (cardFault != null) {
            return cardFault;
        }
        if (totalPartsPerMillion == 0) {
            return null;
        }
        int draw;
        synchronized (random) {
            draw = random.nextInt(TrafficFault.MILLION);
        }
        for (TrafficFault fault : trafficFaults) {
            if (draw < fault.partsPerMillion()) {
                return fault.fault();
            }
            draw -= fault.partsPerMillion();
        }
        return null;
    }
}
