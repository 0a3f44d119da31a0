/** The command line: {@code serve} (default), {@code ports} and the options every command shares. */
package dev.ollamamax.server.cli;
