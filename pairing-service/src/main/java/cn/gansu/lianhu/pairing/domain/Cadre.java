package cn.gansu.lianhu.pairing.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import cn.gansu.lianhu.api.IdNumbers;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A cadre (干部) of one unit, with a rank that sets the minimum households they pair with (DESIGN.md §1).
 * The ID number is stored in full (unique: one person is one cadre) and leaves the service only masked.
 */
@Entity
@Table(name = "cadre")
public class Cadre extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    /** GB 11643 ID number, upper-case X; returned and logged only masked ({@link IdNumbers#mask}). */
    @Column(name = "id_number", nullable = false)
    public String idNumber;
    @Column(name = "unit_id", nullable = false)
    public UUID unitId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CadreRank rank;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CadreStatus status;
    /** Mobile or landline; stored in full, returned only masked. */
    public String phone;
    /** Date the cadre left (status other than ACTIVE). */
    @Column(name = "left_on")
    public LocalDate leftOn;
    @Column(nullable = false)
    public long version;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Override
    public String toString() {
        return "Cadre[" + id + ", " + IdNumbers.mask(idNumber) + "]";
    }
}
