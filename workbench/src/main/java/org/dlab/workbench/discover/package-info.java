/**
 * Scenario discovery over a results store, as a use case: which futures to read, the analysis
 * flow of {@code dlab discover} and what is saved. The command line and the server both call
 * {@link org.dlab.workbench.discover.StoreDiscovery}; the algorithms are in
 * {@link org.dlab.workbench.analysis}.
 */
package org.dlab.workbench.discover;
