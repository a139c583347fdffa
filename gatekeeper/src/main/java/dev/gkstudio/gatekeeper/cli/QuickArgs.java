package dev.gkstudio.gatekeeper.cli;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Binds a subcommand's {@code @Option}/{@code @Parameters} fields from plain arguments without starting picocli,
 * whose classes are Java 5 bytecode: the class-data archive cannot hold them and the old verifier checks them at
 * every start (a third of a one-object {@code test}). Handles {@code --name value}, {@code --name=value},
 * {@code -n value}, {@code -nvalue}, boolean flags with optional {@code =true|false}, repeated list options, int
 * options and positional parameters. Anything else (help, unknown options, bad values) returns false, and the
 * caller lets picocli parse and report as before.
 */
final class QuickArgs {
    private QuickArgs() {
    }

    @SuppressWarnings("unchecked")
    static boolean bind(Object command, String[] args) {
        Map<String, Field> options = new HashMap<>();
        Field positional = null;
        for (Field f : command.getClass().getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) for (String n : o.names()) options.put(n, f);
            if (f.getAnnotation(Parameters.class) != null) positional = f;
        }
        boolean positionalSet = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("-") || a.equals("-")) {
                    if (positional == null || positionalSet || positional.getType() != String.class) return false;
                    positional.setAccessible(true);
                    positional.set(command, a);
                    positionalSet = true;
                    continue;
                }
                String name = a, value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                } else if (!a.startsWith("--") && a.length() > 2) {
                    name = a.substring(0, 2);
                    value = a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
                }
                Field f = options.get(name);
                if (f == null) return false;
                f.setAccessible(true);
                Class<?> t = f.getType();
                if (t == boolean.class) {
                    if (value == null) f.setBoolean(command, true);
                    else if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) f.setBoolean(command, Boolean.parseBoolean(value));
                    else return false;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) return false;
                    value = args[++i];
                }
                if (t == String.class) f.set(command, value);
                else if (t == int.class) f.setInt(command, Integer.parseInt(value));
                else if (List.class.isAssignableFrom(t)) ((List<String>) f.get(command)).add(value);
                else return false;
            }
        } catch (IllegalAccessException | NumberFormatException e) {
            return false;
        }
        return positional == null || positionalSet;
    }
}
