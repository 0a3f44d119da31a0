/** The command line: {@code serve} (default), {@code users add}, {@code keys create}, and the options every command shares. */
package dev.ollamamax.server.cli;
