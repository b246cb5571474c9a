import { ApiProperty } from '@nestjs/swagger';

export class ReportRowDto {
  @ApiProperty({ description: '条款' }) clauseLabel: string;
  @ApiProperty({ description: '提出人' }) commenter: string;
  @ApiProperty({ description: '代表团/部门' }) group: string;
  @ApiProperty({ description: '类型' }) kind: string;
  @ApiProperty({ description: '意见' }) comment: string;
  @ApiProperty({ description: '修改建议' }) suggestion: string;
  @ApiProperty({ description: '处理结果' }) decision: string;
  @ApiProperty({ description: '理由' }) reason: string;
}

export class DecisionCountDto {
  @ApiProperty() decision: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class GroupCountDto {
  @ApiProperty() group: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

/** The 意见采纳情况汇总表. */
export class ReportResponseDto {
  @ApiProperty() title: string;
  @ApiProperty({ type: [ReportRowDto] }) rows: ReportRowDto[];
  @ApiProperty({ type: [DecisionCountDto] }) byDecision: DecisionCountDto[];
  @ApiProperty({ type: [GroupCountDto] }) byGroup: GroupCountDto[];
}
