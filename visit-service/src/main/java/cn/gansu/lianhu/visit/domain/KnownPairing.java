package cn.gansu.lianhu.visit.domain;

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
 * A cadre↔household pairing (干部联户) as visit-service knows it from {@code pairing.pairings} events (full
 * state of the pairing after its last applied event): a visit is accepted only from a cadre actively paired
 * with the household on the visit date (DESIGN.md §2, issue 4 point 3).
 */
@Entity
@Table(name = "known_pairing")
public class KnownPairing extends PanacheEntityBase {
    /** Pairing id, as issued by pairing-service. */
    @Id
    public UUID id;
    @Column(name = "cadre_id", nullable = false)
    public UUID cadreId;
    /** The cadre's unit when paired. */
    @Column(name = "unit_id", nullable = false)
    public UUID unitId;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    /** 12-digit code of the household's village. */
    @Column(name = "village_code", nullable = false)
    public String villageCode;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PairingStatus status;
    /** The household's primary responsible cadre (帮扶责任人). */
    @Column(name = "is_primary", nullable = false)
    public boolean primary;
    /** Date it became active; null for a draft. */
    @Column(name = "started_on")
    public LocalDate startedOn;
    /** Date it ended; null unless ENDED. */
    @Column(name = "ended_on")
    public LocalDate endedOn;
    /** Reason code of the end (HOUSEHOLD_DISSOLVED, CADRE_TRANSFERRED, …); null unless ENDED. */
    @Column(name = "end_reason")
    public String endReason;
    /** pairing-service's aggregate version of the last event applied. */
    @Column(nullable = false)
    public long version;
    /** CloudEvent time of the last event applied. */
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
