import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from './accounts.entities';

export class LoginDto {
  @ApiProperty({ example: 'drafter' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'maple-ledger-42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.san' })
  @IsString()
  @Matches(/^[\p{L}\p{N}._-]{2,64}$/u, { message: 'username: 2–64 letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'Group (delegation or department) id; required for delegates' })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @ApiProperty({
    minLength: 10,
    maxLength: 200,
    description: 'At least 10 characters; not a common password; not the user name',
  })
  @IsString()
  @MaxLength(200)
  password: string;
}

/** An admin's change to a user: any of these fields; a change of rights or password ends the user's sessions. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Group id; null for none (delegates need one)', nullable: true, type: String })
  @IsOptional() // null too: no group
  @IsUUID()
  groupId?: string | null;

  @ApiPropertyOptional({ description: 'A disabled user cannot log in; their sessions end' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'A new password (the password rules apply); their sessions end' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;
}

export class CreateGroupDto {
  @ApiProperty({ example: '第一代表团' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ enum: ['delegation', 'department'] })
  @IsOptional()
  @IsIn(['delegation', 'department'])
  kind?: 'delegation' | 'department';
}

export class ImportUsersDto {
  @ApiProperty({
    description: 'CSV with a header row: username,displayName,role,group,password (group by name; created if missing)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000_000)
  csv: string;
}
