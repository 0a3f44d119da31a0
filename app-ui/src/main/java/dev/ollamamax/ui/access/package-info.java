/**
 * The Access screen: the signed-in account's API keys (create with scopes, models and limits, the secret shown
 * once, revoke), its usage per day by model and by key, and for admins the users table.
 */
package dev.ollamamax.ui.access;
