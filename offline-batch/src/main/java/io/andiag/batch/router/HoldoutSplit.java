package io.andiag.batch.router;

import io.andiag.model.routing.Team;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded train / held-out split of labelled candidates <b>by incident</b>: all the minutes of one incident fall on the
 * same side, so the evaluation never sees a minute of an incident it trained on. Stratified by team: of each team's
 * incidents (sorted by id, then shuffled with a generator seeded from the seed and the team), round(share x n) are
 * held out, at least one when the team has two or more incidents and never all of them (a team with a single incident
 * is trained on only). Only real labelled examples are split: a synthetic one ({@link FaultInjector}) is refused, so the
 * held-out metrics are always on real labels; synthetic examples join the training side with {@link #trainWith}.
 *
 * @param train    the examples to train on
 * @param heldOut  the held-out examples
 * @param heldOutIncidents the held-out incident ids
 */
public record HoldoutSplit(List<RouterTrainer.Example> train, List<RouterTrainer.Example> heldOut, Set<String> heldOutIncidents) {

    public static HoldoutSplit of(List<RouterTrainer.Example> examples, double share, long seed) {
        Map<Team, TreeSet<String>> incidents = new EnumMap<>(Team.class);
        for (RouterTrainer.Example e : examples) {
            if (isSynthetic(e)) {
                throw new IllegalArgumentException("synthetic example " + e.incident() + " given to the held-out split: only real "
                        + "labels are split and evaluated; add synthetic examples with trainWith");
            }
            incidents.computeIfAbsent(e.team(), t -> new TreeSet<>()).add(e.incident());
        }
        Set<String> held = new HashSet<>();
        incidents.forEach((team, ids) -> {
            List<String> list = new ArrayList<>(ids);
            int n = list.size();
            int k = share <= 0 || n < 2 ? 0 : Math.max(1, Math.min(n - 1, (int) Math.round(share * n)));
            SplittableRandom rnd = new SplittableRandom(seed * 31 + team.ordinal());
            for (int i = 0; i < k; i++) {
                int j = i + rnd.nextInt(n - i);
                String tmp = list.get(i);
                list.set(i, list.get(j));
                list.set(j, tmp);
                held.add(list.get(i));
            }
        });
        List<RouterTrainer.Example> train = new ArrayList<>();
        List<RouterTrainer.Example> test = new ArrayList<>();
        for (RouterTrainer.Example e : examples) {
            (held.contains(e.incident()) ? test : train).add(e);
        }
        return new HoldoutSplit(train, test, held);
    }

    /** The training examples plus {@code synthetic} ones (training only: the held-out side stays real labels). */
    public List<RouterTrainer.Example> trainWith(List<RouterTrainer.Example> synthetic) {
        List<RouterTrainer.Example> out = new ArrayList<>(train.size() + synthetic.size());
        out.addAll(train);
        for (RouterTrainer.Example e : synthetic) {
            if (!isSynthetic(e)) {
                throw new IllegalArgumentException("example " + e.incident() + " is not synthetic: real labels go through the split");
            }
            out.add(e);
        }
        return out;
    }

    public static boolean isSynthetic(RouterTrainer.Example e) {
        return e.incident().startsWith(FaultInjector.INCIDENT_PREFIX);
    }
}
