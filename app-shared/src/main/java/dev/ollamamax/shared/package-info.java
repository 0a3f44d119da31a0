package dev.ollamamax.shared;
