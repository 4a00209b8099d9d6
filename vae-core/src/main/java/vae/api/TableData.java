package vae.api;

import vae.core.data.DataSplit;
import vae.core.table.TableTransform;

/**
 * A table ready to train on: its training and test rows as model vectors (standardised numbers,
 * one-hot categories, NaN where a value is missing), the transform fitted on the training rows,
 * and where the rows came from.
 *
 * @param data      the encoded rows, examples of {@code 1×1×width}, labelled by the label column's code
 * @param transform the map between rows and vectors; checkpoints store it
 * @param source    the files and split, as checkpoints record them
 */
public record TableData(DataSplit data, TableTransform transform, TableSource source) {
}
