package cn.gansu.lianhu.pairing.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A provincial leader's link to one poor county and exactly one poor village in it (联县联村, DESIGN.md §1);
 * a leader has 1–2 active ones (configuration) and pairs with households of those villages.
 */
@Entity
@Table(name = "leader_link")
public class LeaderLink extends PanacheEntityBase {
    @Id
    public UUID id;
    /** The leader (rank PROVINCIAL_LEADER). */
    @Column(name = "cadre_id", nullable = false)
    public UUID cadreId;
    /** 12-digit code of the poor county. */
    @Column(name = "county_code", nullable = false)
    public String countyCode;
    /** 12-digit code of the poor village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    @Column(name = "linked_on", nullable = false)
    public LocalDate linkedOn;
    /** Date it ended; null while active. */
    @Column(name = "ended_on")
    public LocalDate endedOn;
    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public EndReason endReason;
    /** Who approved the end (required for CORRECTION_APPROVED). */
    @Column(name = "ended_by")
    public String endedBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** True until it ends. */
    public boolean active() {
        return endedOn == null;
    }
}
