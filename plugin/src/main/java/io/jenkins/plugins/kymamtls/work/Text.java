package io.jenkins.plugins.kymamtls.work;

import java.io.Serializable;

/**
 * How a step's text fields reach the engine: as typed (a Pipeline, whose Groovy has already put in
 * its variables) or with the build's variables expanded (a freestyle build, as Jenkins' own build
 * steps expand theirs). Credentials ids never go through it: the credentials plugin resolves
 * {@code ${PARAM}} in an id itself, with its rules for who may use which.
 */
public interface Text extends Serializable {

    /** The value the engine gets; null stays null. */
    String of(String typed);

    /** A Pipeline step's text, which Groovy has already interpolated. */
    Text AS_TYPED = AsTyped.INSTANCE;

    /** The one as-typed reading; an enum, so it travels to an agent as a name. */
    enum AsTyped implements Text {
        INSTANCE;

        @Override
        public String of(String typed) {
            return typed;
        }
    }
}
