package vae.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vae.core.data.Dataset;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;

/**
 * The split of semi-supervised training: a balanced subset of the training examples that keep
 * their labels (the same number of each class, the first {@code count mod classes} classes one
 * more), chosen by a shuffle of each class's examples in stream {@link RandomPurpose#LABELLED_SUBSET}
 * of the label seed, and the rest, stripped of their labels so that nothing can read them. Both keep
 * the original order.
 *
 * @param labelled   the examples whose labels train the classifier and the labelled bound
 * @param unlabelled the others
 */
public record LabelledSubset(Dataset labelled, Dataset unlabelled) {

    /**
     * Keeps the labels of {@code count} of {@code train}'s examples of {@code classes} classes.
     *
     * @throws IllegalArgumentException if the data are unlabelled, {@code count} is not between
     *                                  {@code classes} and the examples less one, or a class has too few examples
     */
    public static LabelledSubset of(Dataset train, int count, long seed, int classes) {
        if (!train.hasLabels()) {
            throw new IllegalArgumentException("semi-supervised training keeps some examples' labels, and "
                    + train.name() + " has none");
        }
        if (count < classes || count >= train.size()) {
            throw new IllegalArgumentException(count + " labelled examples cannot hold each of the " + classes
                    + " classes and leave unlabelled ones: keep between " + classes + " and " + (train.size() - 1));
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < train.size(); i++) {
            byClass.get(train.label(i)).add(i);
        }
        CounterRng rng = new CounterRng(seed);
        boolean[] chosen = new boolean[train.size()];
        for (int c = 0; c < classes; c++) {
            int want = count / classes + (c < count % classes ? 1 : 0);
            List<Integer> members = byClass.get(c);
            if (members.size() < want) {
                throw new IllegalArgumentException("class " + c + " has " + members.size() + " training examples, fewer "
                        + "than the " + want + " labelled ones it should give; keep fewer labels");
            }
            int[] order = ExampleOrder.shuffled(members.size(), rng, RandomPurpose.LABELLED_SUBSET.stream(c));
            for (int k = 0; k < want; k++) {
                chosen[members.get(order[k])] = true;
            }
        }
        int[] kept = new int[count];
        int[] rest = new int[train.size() - count];
        int a = 0;
        int b = 0;
        for (int i = 0; i < train.size(); i++) {
            if (chosen[i]) {
                kept[a++] = i;
            } else {
                rest[b++] = i;
            }
        }
        return new LabelledSubset(train.select(Arrays.copyOf(kept, a), "[labelled]"), train.select(rest, "[unlabelled]").withoutLabels());
    }
}
