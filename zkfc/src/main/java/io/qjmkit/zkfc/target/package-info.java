/**
 * The NameNodes of one nameservice, resolved from Hadoop's HA configuration, and the small {@link
 * io.qjmkit.zkfc.target.NameNodeEndpoint} seam through which the controller talks to them. Every
 * remote call is bounded by a timeout and never retries a refused connection, so a dead NameNode is
 * reported at once; tests replace the seam with an in-memory fake.
 */
package io.qjmkit.zkfc.target;
