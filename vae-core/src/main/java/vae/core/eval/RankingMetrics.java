package vae.core.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a score ranks positives (anomalies) above negatives: the area under the ROC curve
 * (the probability that a random positive scores above a random negative, ties counting half)
 * and the average precision (scikit-learn's definition: the precision at each distinct score
 * threshold, weighted by the recall gained there). Higher scores mean "more positive".
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * The area under the ROC curve.
     *
     * @throws IllegalArgumentException if the lengths differ, a score is NaN, or one class is absent
     */
    public static double auroc(double[] scores, boolean[] positive) {
        Integer[] order = sortedAscending(scores, positive);
        long positives = count(positive);
        long negatives = positive.length - positives;
        // Mann–Whitney: the sum of the positives' ranks, ties given their mean rank.
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += meanRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The average precision, {@code Σ_n (R_n − R_{n−1}) P_n} over the distinct thresholds from the
     * highest score down.
     *
     * @throws IllegalArgumentException if the lengths differ, a score is NaN, or one class is absent
     */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        Integer[] order = sortedAscending(scores, positive);
        long positives = count(positive);
        double ap = 0;
        long truePositives = 0;
        long taken = 0;
        double previousRecall = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                taken++;
                if (positive[order[k]]) {
                    truePositives++;
                }
            }
            double recall = (double) truePositives / positives;
            ap += (recall - previousRecall) * ((double) truePositives / taken);
            previousRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    private static Integer[] sortedAscending(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN; rank only defined scores");
            }
        }
        long positives = count(positive);
        if (positives == 0 || positives == positive.length) {
            throw new IllegalArgumentException("ranking needs positives and negatives, got " + positives + " positive of "
                    + positive.length);
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    private static long count(boolean[] positive) {
        long n = 0;
        for (boolean p : positive) {
            if (p) {
                n++;
            }
        }
        return n;
    }
}
