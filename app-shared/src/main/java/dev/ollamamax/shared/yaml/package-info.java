/**
 * YAML documents read with SnakeYAML into a small tree that keeps each value's line: anchors, aliases and
 * merge keys ({@code <<: *base}) resolved, duplicate keys and alias bombs refused. Used by the compose
 * reader of the port plan and by the stack file.
 */
package dev.ollamamax.shared.yaml;
