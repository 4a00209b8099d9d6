/** Reverse-mode automatic differentiation: the graph (tape) and its ops, forward and backward side by side. */
package vae.core.graph;
