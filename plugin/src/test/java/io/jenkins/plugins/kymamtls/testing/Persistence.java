package io.jenkins.plugins.kymamtls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thoughtworks.xstream.XStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/** A build step saved and loaded as Jenkins does it: XStream to XML and back, no constructor run. */
public final class Persistence {

    private Persistence() {
    }

    /** What Jenkins' XStream2 does here: objects made without their constructor, from the XML alone. */
    public static XStream xstream() {
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.kymamtls.**"});
        return xstream;
    }

    /** Every getter of the step, its base classes' included, and what it returns. */
    public static Map<String, Object> values(Object step) throws Exception {
        Map<String, Object> values = new TreeMap<>();
        for (Method getter : step.getClass().getMethods()) {
            boolean accessor = getter.getParameterCount() == 0 && getter.getDeclaringClass() != Object.class
                    && (getter.getName().startsWith("get") || getter.getName().startsWith("is"));
            if (accessor && !getter.getName().equals("getDescriptor")) {
                values.put(getter.getName(), getter.invoke(step));
            }
        }
        return values;
    }

    /** Saved and loaded: the same class and the same values after. */
    public static void roundTrip(Object builder, Object step) throws Exception {
        String xml = xstream().toXML(builder);
        assertFalse(xml.contains("BEGIN"), "no key material in a job's configuration");
        Object loaded = xstream().fromXML(xml);
        assertEquals(builder.getClass(), loaded.getClass());
        Object loadedStep = loaded.getClass().getMethod("getStep").invoke(loaded);
        assertEquals(values(step), values(loadedStep), xml);
        assertTrue(values(step).size() > 3);
    }
}
