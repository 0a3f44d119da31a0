package dev.ollamamax.ui;
