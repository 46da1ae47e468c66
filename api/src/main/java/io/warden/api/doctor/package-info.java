/** {@code /api/v1/doctor}: the doctor's diagnosis (read scope) and its fix (admin scope). */
package io.warden.api.doctor;
