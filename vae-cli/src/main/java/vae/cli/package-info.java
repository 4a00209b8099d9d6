/** The picocli commands of {@code vae}: one class per subcommand. */
package vae.cli;
