package io.warden.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OsFamilyTest {

    @Test
    void of_osNameValuesOfTheJdks_familyIgnoringCase() {
        assertThat(OsFamily.of("Linux")).isEqualTo(OsFamily.LINUX);
        assertThat(OsFamily.of("Windows Server 2022")).isEqualTo(OsFamily.WINDOWS);
        assertThat(OsFamily.of("windows 11")).isEqualTo(OsFamily.WINDOWS);
        assertThat(OsFamily.of("Mac OS X")).isEqualTo(OsFamily.MAC);
        assertThat(OsFamily.of("FreeBSD")).isEqualTo(OsFamily.OTHER);
        assertThat(OsFamily.of("")).isEqualTo(OsFamily.OTHER);
    }

    @Test
    void current_isTheFamilyOfThisJvm() {
        assertThat(OsFamily.current()).isEqualTo(OsFamily.of(System.getProperty("os.name")));
        assertThat(OsFamily.isLinux()).isEqualTo(OsFamily.current() == OsFamily.LINUX);
        assertThat(OsFamily.isWindows()).isEqualTo(OsFamily.current() == OsFamily.WINDOWS);
    }
}
