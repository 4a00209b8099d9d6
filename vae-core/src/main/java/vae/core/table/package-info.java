/** The user's CSV tables: reading them (typed, columnar, with missing values), splitting them, and the transform between table rows and model vectors. */
package vae.core.table;
