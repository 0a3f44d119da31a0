/**
 * The Nodes screen: Ollama nodes live from the gateway's node registry (add after a test, remove, drain, start a
 * local {@code ollama serve}), the models of each node (pull with progress, delete, copy to another node,
 * details, create from a Modelfile), its model memory (loaded models from {@code /api/ps}; preload, keep loaded,
 * unload) and the model alias editor.
 */
package dev.ollamamax.ui.nodes;
