/* block_covers.h - the one statement of the "covering block" rule (see
 * block.h), as an SQL condition over a block row aliased b and an
 * indicator row aliased i. Owned by block.c; indicator.c reads it for the
 * blocks it lists with an indicator and for "seen again after its block". */
#ifndef IRDESK_BLOCK_COVERS_H
#define IRDESK_BLOCK_COVERS_H

#define BLOCK_COVERS_SQL \
	"(b.case_id = i.case_id AND (b.indicator_id = i.id" \
	" OR (b.scope = 'address' AND b.target IN (i.normal, i.host))" \
	" OR (b.scope = 'host' AND b.target = i.host)" \
	" OR (b.scope = 'domain' AND b.target = i.registrable)))"

#endif
