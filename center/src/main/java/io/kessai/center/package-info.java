/**
 * The settlement information center (seed 000 center 10/11; seed 001 CCS center 2): receives envelopes,
 * opens them through the HSM interface, routes to issuers over ISO 8583 and journals every payment.
 */
package io.kessai.center;
