package io.xsql.trino;

import java.time.Instant;

/**
 * When, on what and from which code the Trino benchmark ran.
 *
 * @param started when it started
 * @param commit the code's commit, as the script gave it
 * @param machine the machine
 * @param loadAtStart the load averages when it started ({@link XsqlTrinoBenchMachine#loadAverages()})
 * @param loadAtEnd the load averages when it ended
 */
record XsqlTrinoBenchSetting(Instant started, String commit, XsqlTrinoBenchMachine machine, String loadAtStart,
    String loadAtEnd) {}
