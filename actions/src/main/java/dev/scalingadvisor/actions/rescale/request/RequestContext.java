package dev.scalingadvisor.actions.rescale.request;

/**
 * Whatever the caller attaches to a rescale request (the daemon: the decision it carries out), handed back
 * on every event of that rescale so they can explain themselves. The executor never looks inside; a rescale
 * recovered from the journal after a restart has none.
 */
public interface RequestContext {}
