package io.xsql.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: {@code xsql COMMAND [--name value | --name=value]... [--] [OPERAND]...}.
 *
 * @param command the subcommand; empty when none was given
 * @param options options by name, without the leading dashes
 * @param operands the remaining arguments, in order
 * @param help whether {@code --help} or {@code -h} appeared
 */
record CommandArgs(String command, Map<String, String> options, List<String> operands, boolean help) {

  CommandArgs {
    Objects.requireNonNull(command, "command is null");
    options = Map.copyOf(options);
    operands = List.copyOf(operands);
  }

  /** Parses the arguments; every option takes a value, except {@code --help}. */
  static CommandArgs parse(String[] args) throws UsageException {
    String command = "";
    Map<String, String> options = new LinkedHashMap<>();
    List<String> operands = new ArrayList<>();
    boolean help = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        if (command.isEmpty()) {
          command = arg;
        } else {
          operands.add(arg);
        }
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.startsWith("--") && arg.length() > 2) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new UsageException("option --" + name + " needs a value");
        }
        if (options.put(name, value) != null) {
          throw new UsageException("option --" + name + " is given twice");
        }
      } else {
        throw new UsageException("unknown option " + arg);
      }
    }
    return new CommandArgs(command, options, operands, help);
  }

  /** Fails on any option outside {@code allowed}, naming the command. */
  void allowOnly(Set<String> allowed) throws UsageException {
    for (String name : options.keySet()) {
      if (!allowed.contains(name)) {
        throw new UsageException("xsql " + command + " does not take --" + name);
      }
    }
  }

  /** The value of an option, if given. */
  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** The one operand the command needs, described as {@code what} in the message when it is missing. */
  String single(String what) throws UsageException {
    if (operands.isEmpty()) {
      throw new UsageException("xsql " + command + " needs one " + what);
    }
    if (operands.size() > 1) {
      throw new UsageException("xsql " + command + " takes one " + what + " but got " + operands.size()
          + " arguments; quote it as one argument");
    }
    return operands.get(0);
  }

  /** Fails if any operand was given. */
  void none() throws UsageException {
    if (!operands.isEmpty()) {
      throw new UsageException("xsql " + command + " takes no argument but got '" + operands.get(0) + "'");
    }
  }
}
