/**
 * The phone (seed 000 mobile phone 9; seed 001 phone 5): takes the reader's sealed envelope into its
 * outbox, carries it to the center by e-mail or HTTPS, and shows the sealed result. It never opens an
 * envelope: it holds no key that could.
 */
package io.kessai.phone;
