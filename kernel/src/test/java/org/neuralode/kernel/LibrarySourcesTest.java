package org.neuralode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Javadoc found from JShell's signatures in the library's own sources (the module next door). */
class LibrarySourcesTest {

    private final LibrarySources sources = new LibrarySources(List.of(Path.of("../library/src/main/java")));

    @Test
    void overloadsAreToldApartByTheirParameters() {
        String withTolerances = sources.javadoc("AdaptiveRungeKutta Solvers.dormandPrince(double rtol, double atol)");
        String withDefaults = sources.javadoc("AdaptiveRungeKutta Solvers.dormandPrince()");
        assertTrue(withTolerances.contains("Dormand-Prince 5(4) with error control"), withTolerances);
        assertTrue(withDefaults.contains("DEFAULT_RTOL"), withDefaults);
    }

    @Test
    void classesConstructorsAndFieldsHaveTheirComments() {
        assertTrue(sources.javadoc("org.neuralode.solvers.Solvers").contains("The solvers by name"));
        assertTrue(sources.javadoc("double Solvers.DEFAULT_RTOL").contains("default tolerances"));
        String constructor = sources.javadoc("Infections(double[] t, double y0, java.util.Map<String,Double> fnArgs)");
        assertTrue(constructor != null && constructor.contains("@param y0"), constructor);
    }

    @Test
    void unknownNamesHaveNoComment() {
        assertNull(sources.javadoc("int Math.max(int a, int b)"));
        assertNull(sources.javadoc("org.neuralode.solvers.NoSuchClass"));
        assertNull(new LibrarySources(List.of(Path.of("no/such/folder"))).javadoc("org.neuralode.solvers.Solvers"));
    }

    @Test
    void signaturesNameOwnerMemberAndParameters() {
        assertEquals(new LibrarySources.Member("Solvers", "dormandPrince", List.of("rtol", "atol")),
                LibrarySources.Member.parse("AdaptiveRungeKutta Solvers.dormandPrince(double rtol, double atol)"));
        assertEquals(new LibrarySources.Member("Infections", "<init>", List.of("t", "y0", "fnArgs")),
                LibrarySources.Member.parse("Infections(double[] t, double y0, java.util.Map<String,Double> fnArgs)"));
        assertEquals(new LibrarySources.Member("java.util.Map", "of", List.of()),
                LibrarySources.Member.parse("<K, V> java.util.Map<K, V> java.util.Map.of()"));
        assertEquals(new LibrarySources.Member("org.neuralode.plot.Plot", null, null),
                LibrarySources.Member.parse("org.neuralode.plot.Plot"));
    }
}
