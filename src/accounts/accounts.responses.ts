import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from './accounts.entities';

/** What the API sends about a user (the admin's list, me, login). */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Their delegation or department' })
  groupId: string | null;
  @ApiProperty({ type: String, nullable: true }) groupName: string | null;
  @ApiProperty({ description: 'A disabled user cannot log in' }) disabled: boolean;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) token: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: Date;
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}

export class GroupResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['delegation', 'department'] }) kind: 'delegation' | 'department';
}

/** A group in the list, with its number of users. */
export class GroupListItemDto extends GroupResponseDto {
  @ApiProperty({ type: 'integer', description: 'Users in the group' }) members: number;
}

/** A reference to a group inside other answers. */
export class GroupRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ImportUsersResponseDto {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) groupsCreated: number;
}

/** POST /api/auth/ticket. */
export class TicketResponseDto {
  @ApiProperty({ description: 'One-use ticket standing for the session (send as ?ticket=)', example: 'Xq3…' })
  ticket: string;

  @ApiProperty({ description: 'After this instant the ticket is refused', type: String, format: 'date-time' })
  expiresAt: Date;
}
